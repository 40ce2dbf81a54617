/*
 * replay.c: run a fuzz harness's LLVMFuzzerTestOneInput over files
 * without libFuzzer, so that make check replays the seed corpus with
 * the ordinary (and the sanitizer) build.
 *
 *   fuzz-NAME-replay FILE...
 *
 * Exit status 0 when every input ran, MNW_EXIT_NOINPUT when a file
 * could not be read.  A broken invariant aborts inside the harness.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mnw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char *argv[])
{
	int i, rc = MNW_EXIT_OK, n = 0;

	mnw_setprogname(argv[0]);
	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		uint8_t *data = NULL;
		size_t len = 0, cap = 0, got;

		if (fp == NULL) {
			mnw_warn("%s", argv[i]);
			rc = MNW_EXIT_NOINPUT;
			continue;
		}
		do {
			if (cap - len < 65536) {
				cap = cap * 2 + 65536;
				data = mnw_xrealloc(data, cap);
			}
			got = fread(data + len, 1, cap - len, fp);
			len += got;
		} while (got > 0);
		if (ferror(fp)) {
			mnw_warn("%s", argv[i]);
			rc = MNW_EXIT_NOINPUT;
		}
		fclose(fp);
		/* An exact-size copy, so that AddressSanitizer detects a
		 * read past the end of the input. */
		{
			uint8_t *exact = mnw_xmalloc(len > 0 ? len : 1);

			for (got = 0; got < len; got++)
				exact[got] = data[got];
			LLVMFuzzerTestOneInput(exact, len);
			free(exact);
		}
		free(data);
		n++;
	}
	printf("replayed %d input%s\n", n, n == 1 ? "" : "s");
	return rc;
}
