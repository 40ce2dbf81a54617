/*
 * atomic.c: crash-safe replacement of a file, and run locks.
 *
 * The new content goes to a temporary file in the same directory (so
 * that rename(2) cannot cross a file system), created with O_EXCL so
 * that two writers never share one.  Commit checks every step in the
 * order that makes a crash harmless: flush, fsync the file, close,
 * rename over the old name, fsync the directory.  Until the rename the
 * old file is untouched, and after it the new file is complete.  A
 * crash before the directory fsync may leave either version, never a
 * mix.
 *
 * A stale temporary file (".NAME.tmp.PID.N") is left only by a crash
 * between open and commit.  It never replaces anything; the next run
 * that takes the state's lock removes those of its state file.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mnw.h"

/* O_EXCL collisions happen only with a stale file of a reused pid. */
#define ATOMIC_TRIES 100

/* Split path into a newly allocated directory name ("." if none). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *d;

	if (slash == NULL)
		return strdup(".");
	n = slash == path ? 1 : (size_t)(slash - path);
	if ((d = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}

static void
atomic_clear(struct mnw_atomic *af)
{
	free(af->path);
	free(af->tmppath);
	af->path = af->tmppath = NULL;
	af->fp = NULL;
}

int
mnw_atomic_open(struct mnw_atomic *af, const char *path)
{
	static unsigned long counter;
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	char *dir;
	struct stat st;
	size_t cap;
	int fd = -1, saved;

	af->path = af->tmppath = NULL;
	af->fp = NULL;
	if (*base == '\0') {
		errno = EISDIR;
		return -1;
	}
	if ((dir = dir_of(path)) == NULL)
		return -1;
	cap = strlen(dir) + strlen(base) + 64;
	af->tmppath = malloc(cap);
	af->path = strdup(path);
	if (af->tmppath == NULL || af->path == NULL) {
		free(dir);
		atomic_clear(af);
		errno = ENOMEM;
		return -1;
	}
	for (int i = 0; i < ATOMIC_TRIES; i++) {
		int n = snprintf(af->tmppath, cap, "%s/.%s.tmp.%ld.%lu", dir,
		    base, (long)getpid(), counter++);

		if (n < 0 || (size_t)n >= cap) {
			errno = ENAMETOOLONG;
			break;
		}
		fd = open(af->tmppath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	free(dir);
	if (fd == -1) {
		saved = errno;
		atomic_clear(af);
		errno = saved;
		return -1;
	}
	/* Keep the mode the operator gave the old file, if there is one. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		(void)fchmod(fd, st.st_mode & 07777);
	if ((af->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		unlink(af->tmppath);
		atomic_clear(af);
		errno = saved;
		return -1;
	}
	return 0;
}

/* fsync the directory that contains path, so that a rename is durable. */
static int
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd, r, saved;

	if (dir == NULL)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd == -1)
		return -1;
	r = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int
mnw_atomic_commit(struct mnw_atomic *af)
{
	int saved;

	if (af->fp == NULL || af->tmppath == NULL) {
		errno = EBADF;
		return -1;
	}
	/* A write that failed earlier left no errno to report, so use EIO. */
	if (ferror(af->fp)) {
		errno = EIO;
		goto fail;
	}
	if (fflush(af->fp) == EOF || fsync(fileno(af->fp)) == -1)
		goto fail;
	if (fclose(af->fp) == EOF) {
		af->fp = NULL;
		goto fail;
	}
	af->fp = NULL;
	if (rename(af->tmppath, af->path) == -1)
		goto fail;
	/*
	 * NOTE: from here on the new file has replaced the old one.  If
	 * the directory fsync fails, the caller gets -1 although the new
	 * content is in place, and only its durability after a crash is
	 * in doubt.  Nothing can undo a rename, so this is reported as is.
	 */
	saved = sync_dir(af->path) == -1 ? errno : 0;
	atomic_clear(af);
	if (saved != 0) {
		errno = saved;
		return -1;
	}
	return 0;

fail:
	saved = errno;
	if (af->fp != NULL)
		fclose(af->fp);
	unlink(af->tmppath);
	atomic_clear(af);
	errno = saved;
	return -1;
}

void
mnw_atomic_abort(struct mnw_atomic *af)
{
	int saved = errno;

	if (af->fp != NULL)
		fclose(af->fp);
	if (af->tmppath != NULL)
		unlink(af->tmppath);
	atomic_clear(af);
	errno = saved;
}

int
mnw_lock(const char *path, int wait)
{
	int fd, r, saved;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd == -1)
		return -1;
	do
		r = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
	while (r == -1 && errno == EINTR);
	if (r == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}
