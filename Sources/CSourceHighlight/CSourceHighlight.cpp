// See include/CSourceHighlight.h. source-highlight drives a `Formatter` per element name for
// each piece of a line, with the piece's offset in `FormatterParams::start`; ours record
// tokens instead of writing markup.

#include "CSourceHighlight.h"

#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

/// Every element name the bundled and system definitions use that gets a colour; others
/// are plain ("normal", index 0).
const char *const elementNames[] = {
    "normal",      "keyword",    "type",      "usertype",  "classname", "string",     "regexp",
    "comment",     "todo",       "number",    "function",  "predef_func", "preproc",  "symbol",
    "cbracket",    "specialchar", "variable", "predef_var", "label",    "atom",       "attribute",
    "property",    "oldfile",    "newfile",   "difflines", "url",       "keyquote",   "valquote",
    "key",         "value",      "selector",  "section",
};
const uint32_t elementCount = sizeof(elementNames) / sizeof(elementNames[0]);

struct TokenFormatter : srchilite::Formatter {
    std::vector<chl_token> *tokens;
    uint32_t element;

    TokenFormatter(std::vector<chl_token> *tokens, uint32_t element) : tokens(tokens), element(element) {}

    void format(const std::string &s, const srchilite::FormatterParams *params) override {
        if (s.empty() || params == nullptr || params->start < 0) return;
        tokens->push_back(chl_token{static_cast<uint32_t>(params->start), static_cast<uint32_t>(s.size()), element});
    }
};

/// Process-wide: the rule factory and the definition manager (it caches parsed definitions).
srchilite::RegexRuleFactory &ruleFactory() {
    static srchilite::RegexRuleFactory factory;
    return factory;
}

srchilite::LangDefManager &definitions() {
    static srchilite::LangDefManager manager(&ruleFactory());
    return manager;
}

void copyMessage(const std::string &message, char *out, size_t capacity) {
    if (out == nullptr || capacity == 0) return;
    size_t n = message.size() < capacity - 1 ? message.size() : capacity - 1;
    std::memcpy(out, message.data(), n);
    out[n] = 0;
}

}  // namespace

struct chl_language {
    srchilite::HighlightStatePtr state;
};

struct chl_session {
    std::vector<chl_token> tokens;
    std::unique_ptr<srchilite::FormatterManager> formatters;
    srchilite::FormatterParams params;
    std::unique_ptr<srchilite::SourceHighlighter> highlighter;

    explicit chl_session(srchilite::HighlightStatePtr main) {
        formatters.reset(new srchilite::FormatterManager(srchilite::FormatterPtr(new TokenFormatter(&tokens, 0))));
        for (uint32_t i = 1; i < elementCount; i++) {
            formatters->addFormatter(elementNames[i], srchilite::FormatterPtr(new TokenFormatter(&tokens, i)));
        }
        highlighter.reset(new srchilite::SourceHighlighter(main));
        highlighter->setFormatterManager(formatters.get());
        highlighter->setFormatterParams(&params);
        highlighter->setOptimize(false);
    }

    /// The state stack is shared by pointer: a copy of it, so two passes never share one.
    static srchilite::HighlightStateStackPtr copyOf(const srchilite::HighlightStateStackPtr &stack) {
        return srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(*stack));
    }
};

extern "C" {

uint32_t chl_element_count(void) { return elementCount; }

const char *chl_element_name(uint32_t element) { return element < elementCount ? elementNames[element] : ""; }

const char *chl_data_directory(void) {
    static std::string directory;
    try {
        directory = srchilite::Settings::retrieveDataDir();
    } catch (...) {
        directory.clear();
    }
    return directory.c_str();
}

size_t chl_lang_map_lookup(const char *name, char *out, size_t capacity) {
    static std::unique_ptr<srchilite::LangMap> map;
    try {
        if (!map) {
            map.reset(new srchilite::LangMap(srchilite::Settings::retrieveDataDir(), "lang.map"));
            map->open();
        }
        std::string file = map->getFileName(name);
        if (file.empty() || file.size() >= capacity) return 0;
        copyMessage(file, out, capacity);
        return file.size();
    } catch (...) {
        return 0;
    }
}

const chl_language *chl_language_load(const char *directory, const char *file, char *error, size_t error_capacity) {
    static std::map<std::string, std::unique_ptr<chl_language>> loaded;
    std::string key = std::string(directory) + "/" + file;
    auto found = loaded.find(key);
    if (found != loaded.end()) return found->second.get();
    try {
        srchilite::HighlightStatePtr state = definitions().getHighlightState(directory, file);
        if (!state) {
            copyMessage("no definition", error, error_capacity);
            return nullptr;
        }
        chl_language *language = new chl_language{state};
        loaded[key].reset(language);
        return language;
    } catch (const std::exception &e) {
        copyMessage(e.what(), error, error_capacity);
    } catch (...) {
        copyMessage("unknown failure", error, error_capacity);
    }
    return nullptr;
}

chl_session *chl_session_new(const chl_language *language) {
    if (language == nullptr) return nullptr;
    try {
        return new chl_session(language->state);
    } catch (...) {
        return nullptr;
    }
}

void chl_session_free(chl_session *session) { delete session; }

const chl_token *chl_session_line(chl_session *session, const char *line, size_t length, size_t *count) {
    *count = 0;
    if (session == nullptr) return nullptr;
    srchilite::SourceHighlighter &highlighter = *session->highlighter;
    srchilite::HighlightStatePtr state = highlighter.getCurrentState();
    srchilite::HighlightStateStackPtr stack = chl_session::copyOf(highlighter.getStateStack());
    session->tokens.clear();
    try {
        highlighter.highlightParagraph(std::string(line, length));
    } catch (...) {
        highlighter.setCurrentState(state);
        highlighter.setStateStack(stack);
        session->tokens.clear();
        return nullptr;
    }
    *count = session->tokens.size();
    return session->tokens.data();
}

}  // extern "C"
