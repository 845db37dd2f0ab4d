"""One reader per input format; each turns a byte stream into Article | Rejected records.

Readers take a seekable binary stream and the input's name, never a path, so files, URLs and
in-memory fuzz inputs all go through the same code.
"""
