/*
 * fuzz-parse-format.c: libFuzzer harness for one format parser at a
 * time, as mnw-parse -f FORMAT reads a file.
 *
 * The first line of the input names the format ("netfilter", "pf",
 * ...); the rest is the log file.  An input whose first line names no
 * format is ignored, so a seed keeps its format when the table of
 * formats grows or changes order.  Each parser thus sees lines that
 * another format would have claimed first.  The checks are those of
 * parse-stream.h.
 */
#include "parse-stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct mnw_format *fmt;
	const uint8_t *nl = memchr(data, '\n', size);
	char name[MNW_FORMAT_MAX + 1];
	size_t n;

	if (nl == NULL || (n = (size_t)(nl - data)) > MNW_FORMAT_MAX)
		return 0;
	memcpy(name, data, n);
	name[n] = '\0';
	if ((fmt = mnw_format_find(name)) == NULL)
		return 0;
	fuzz_parse_stream(fmt, nl + 1, size - n - 1);
	return 0;
}
