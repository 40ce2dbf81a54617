/* Unit tests for crash-safe file replacement and locks (lib/atomic.c). */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mnw.h"
#include "unit.h"

static char dir[64];

static void
make_dir(void)
{
	strcpy(dir, "/tmp/mnw-atomic.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Remove dir and the files in it (one level). */
static void
remove_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[512];

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (unlink(path) == -1)
			rmdir(path);
	}
	closedir(d);
	rmdir(dir);
}

/* Number of entries in dir besides . and .. */
static int
count_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

static void
assert_content(const char *path, const char *text)
{
	char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	ck_assert_str_eq(buf, text);
}

START_TEST(atomic_commit_replaces)
{
	struct mnw_atomic af;
	char path[128];
	struct stat st;

	make_dir();
	snprintf(path, sizeof path, "%s/state", dir);
	write_file(path, "old\n");
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(mnw_atomic_open(&af, path), 0);
	ck_assert_ptr_nonnull(strstr(af.tmppath, "/.state.tmp."));
	fputs("new\n", af.fp);
	/* Until the commit, readers see the old content. */
	assert_content(path, "old\n");
	ck_assert_int_eq(count_entries(), 2);
	ck_assert_int_eq(mnw_atomic_commit(&af), 0);
	assert_content(path, "new\n");
	ck_assert_int_eq(count_entries(), 1);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_ptr_null(af.fp);
	remove_dir();
}
END_TEST

START_TEST(atomic_abort_keeps_old)
{
	struct mnw_atomic af;
	char path[128];

	make_dir();
	snprintf(path, sizeof path, "%s/state", dir);
	write_file(path, "old\n");
	ck_assert_int_eq(mnw_atomic_open(&af, path), 0);
	fputs("half", af.fp);
	mnw_atomic_abort(&af);
	assert_content(path, "old\n");
	ck_assert_int_eq(count_entries(), 1);
	/* A second abort does nothing. */
	mnw_atomic_abort(&af);
	remove_dir();
}
END_TEST

/* A rename that fails (the name is a non-empty directory) changes
 * nothing and leaves no temporary file. */
START_TEST(atomic_rename_failure)
{
	struct mnw_atomic af;
	char path[128], inner[160];

	make_dir();
	snprintf(path, sizeof path, "%s/state", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(inner, sizeof inner, "%s/keep", path);
	write_file(inner, "kept\n");
	ck_assert_int_eq(mnw_atomic_open(&af, path), 0);
	fputs("new\n", af.fp);
	ck_assert_int_eq(mnw_atomic_commit(&af), -1);
	ck_assert(errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST);
	assert_content(inner, "kept\n");
	ck_assert_int_eq(count_entries(), 1);
	unlink(inner);
	remove_dir();
}
END_TEST

START_TEST(atomic_open_missing_dir)
{
	struct mnw_atomic af;

	errno = 0;
	ck_assert_int_eq(mnw_atomic_open(&af, "/nonexistent-mnw/dir/state"),
	    -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_null(af.fp);
	ck_assert_ptr_null(af.tmppath);
	ck_assert_int_eq(mnw_atomic_open(&af, "/tmp/"), -1);
	ck_assert_int_eq(errno, EISDIR);
}
END_TEST

START_TEST(lock_exclusive)
{
	char path[128];
	int fd, fd2;

	make_dir();
	snprintf(path, sizeof path, "%s/state.lock", dir);
	fd = mnw_lock(path, 0);
	ck_assert_int_ge(fd, 0);
	/* flock locks belong to the open file, so a second open conflicts
	 * even inside one process. */
	errno = 0;
	ck_assert_int_eq(mnw_lock(path, 0), -1);
	ck_assert_int_eq(errno, EWOULDBLOCK);
	close(fd);
	fd2 = mnw_lock(path, 0);
	ck_assert_int_ge(fd2, 0);
	close(fd2);
	remove_dir();
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("atomic");
	TCase *tc = tcase_create("atomic");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, atomic_commit_replaces);
	tcase_add_test(tc, atomic_abort_keeps_old);
	tcase_add_test(tc, atomic_rename_failure);
	tcase_add_test(tc, atomic_open_missing_dir);
	tcase_add_test(tc, lock_exclusive);
	suite_add_tcase(s, tc);
	return mnw_unit_run(s);
}
