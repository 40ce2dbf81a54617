/*
 * unit.h: run a Check suite and print its results as TAP on stdout,
 * so that prove runs the unit tests beside the shell tests.
 */
#ifndef MNW_UNIT_H
#define MNW_UNIT_H

#include <check.h>
#include <stdlib.h>

static inline int
mnw_unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
