// Zstandard, for the archive's compressed copies of conversation JSON (ChatArchive/StoredJSON.swift).
#include <zstd.h>
