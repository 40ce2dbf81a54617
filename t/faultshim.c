/*
 * faultshim.c: an LD_PRELOAD library that makes chosen system calls
 * fail, to test that a failed commit stops a program with exit 75 and
 * leaves its state file as it was.
 *
 * MNW_FAULT names the call and, after a colon, which call fails:
 * "fsync:1" fails the first fsync with EIO, "rename:2" the second
 * rename, "fflush:1" the first fflush of a stream with ENOSPC (a full
 * disk), "open:3" the third open of a file for writing with EIO.
 * Calls before the chosen one, and every other call, go through.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Returns 1 when this call of name is the one to fail. */
static int
fault_now(const char *name)
{
	static unsigned long count;
	const char *spec = getenv("MNW_FAULT");
	size_t n = strlen(name);

	if (spec == NULL || strncmp(spec, name, n) != 0 || spec[n] != ':')
		return 0;
	return ++count == strtoul(spec + n + 1, NULL, 10);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (fault_now("fsync")) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (fault_now("rename")) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT,
		    "rename");
	return real(from, to);
}

int
fflush(FILE *fp)
{
	static int (*real)(FILE *);

	if (fp != NULL && fault_now("fflush")) {
		errno = ENOSPC;
		return EOF;
	}
	if (real == NULL)
		real = (int (*)(FILE *))dlsym(RTLD_NEXT, "fflush");
	return real(fp);
}

int
open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if ((flags & (O_WRONLY | O_RDWR)) && fault_now("open")) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT,
		    "open");
	return real(path, flags, mode);
}
