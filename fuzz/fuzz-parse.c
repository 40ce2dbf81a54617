/*
 * fuzz-parse.c: libFuzzer harness for mnw-parse's per-line path.
 *
 * Each input is one log file: its lines go through the line reader,
 * the envelope step and every format parser in mnw_formats[], as
 * mnw-parse reads a file without -f.  parse-stream.h lists the checks
 * that abort on a broken promise.  fuzz/replay.c runs the same entry
 * point without libFuzzer, which t/0190-parse-fuzz-replay.t does over
 * the seeds in fuzz/corpus/parse.
 */
#include "parse-stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_parse_stream(NULL, data, size);
	return 0;
}
