// A C interface to GNU source-highlight (libsource-highlight) for Swift: load a language
// definition once, then highlight a code block line by line, getting each token's element
// (keyword, string, comment, …) and its byte range in the line. No C++ type or exception
// crosses this interface. Not thread-safe: callers serialise every call (one lock).

#ifndef CSOURCEHIGHLIGHT_H
#define CSOURCEHIGHLIGHT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A loaded language definition (`python.lang`); lives until the process ends.
typedef struct chl_language chl_language;

/// A highlighting pass over one code block: the state carried from line to line (inside a
/// multi-line comment or string, …).
typedef struct chl_session chl_session;

/// One token of a line: bytes `start ..< start + length` of the line are element `element`
/// (an index for `chl_element_name`; 0 is plain text).
typedef struct {
    uint32_t start;
    uint32_t length;
    uint32_t element;
} chl_token;

/// How many element names there are (`chl_element_name(0 ..< count)`).
uint32_t chl_element_count(void);

/// The source-highlight element name of an index (`"normal"`, `"keyword"`, `"string"`, …).
const char *chl_element_name(uint32_t element);

/// source-highlight's data directory (where its `.lang` files and `lang.map` are).
const char *chl_data_directory(void);

/// The definition file source-highlight's `lang.map` gives for a language name or file
/// extension (`"py"` → `"python.lang"`), copied into `out` (NUL-terminated); 0 when the map
/// has no entry or cannot be read, else the length.
size_t chl_lang_map_lookup(const char *name, char *out, size_t capacity);

/// Loads `file` from `directory` (cached: the second call returns the same language at once).
/// NULL when it is missing or invalid; `error` (if not NULL) then holds a message.
const chl_language *chl_language_load(const char *directory, const char *file, char *error, size_t error_capacity);

/// A new pass starting outside every construct.
chl_session *chl_session_new(const chl_language *language);

/// Frees a pass.
void chl_session_free(chl_session *session);

/// Highlights the next line (no newline in it) and returns its tokens, valid until the next
/// call on this session; `count` receives how many. NULL (and count 0) when the highlighter
/// failed on the line (a regular expression too complex for it): draw it plain; the state is
/// then as it was before the line.
const chl_token *chl_session_line(chl_session *session, const char *line, size_t length, size_t *count);

#ifdef __cplusplus
}
#endif

#endif
