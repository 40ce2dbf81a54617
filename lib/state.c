/*
 * state.c: state file names, run locks, and syncing an output stream
 * before a program commits the state that records the output as written.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mnw.h"
#include "state.h"

char *
mnw_state_path_or_die(const char *file, const char *dir, const char *name)
{
	char *sdir, *path;
	size_t n;

	if (file != NULL)
		return mnw_xstrdup(file);
	if (dir == NULL || *dir == '\0')
		dir = getenv("MNW_SPOOL");
	if (dir == NULL || *dir == '\0')
		return NULL;
	n = strlen(dir) + strlen(name) + sizeof "/state/";
	sdir = mnw_xmalloc(n);
	snprintf(sdir, n, "%s/state", dir);
	if (mkdir(sdir, 0777) == -1 && errno != EEXIST) {
		/* mnw_quote() keeps its own copy, so sdir can go first. */
		const char *q = mnw_quote(sdir, strlen(sdir), 200);
		int saved = errno;

		free(sdir);
		errno = saved;
		/* A missing or forbidden spool is a setup error that no
		 * retry cures; a full or failing disk may pass. */
		if (saved == ENOENT)
			mnw_errx(MNW_EXIT_CONFIG, "spool directory '%s' does "
			    "not exist; create it or fix -d or MNW_SPOOL",
			    mnw_quote(dir, strlen(dir), 200));
		if (saved == EACCES || saved == ENOTDIR || saved == EROFS)
			mnw_err(MNW_EXIT_CONFIG, "%s", q);
		mnw_err(MNW_EXIT_TEMP, "%s", q);
	}
	path = mnw_xmalloc(n);
	snprintf(path, n, "%s/state/%s", dir, name);
	free(sdir);
	return path;
}

/*
 * Remove the temporary files that a run killed between mnw_atomic_open
 * and commit left beside state (".NAME.tmp.PID.N").  Called with the
 * lock held, so no live run of this state is writing one.
 */
static void
remove_stale_temporaries(const char *state)
{
	const char *slash = strrchr(state, '/');
	const char *base = slash != NULL ? slash + 1 : state;
	size_t dirlen = slash != NULL ? (size_t)(slash - state) : 1;
	char *dir, *prefix, *path;
	size_t plen, n;
	struct dirent *de;
	DIR *dp;

	dir = mnw_xmalloc(dirlen + 1);
	memcpy(dir, slash != NULL ? state : ".", dirlen);
	dir[dirlen] = '\0';
	if (dirlen == 0)
		strcpy(dir, "/");
	plen = strlen(base) + sizeof "..tmp.";
	prefix = mnw_xmalloc(plen);
	snprintf(prefix, plen, ".%s.tmp.", base);
	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
				continue;
			n = strlen(dir) + strlen(de->d_name) + 2;
			path = mnw_xmalloc(n);
			snprintf(path, n, "%s/%s", dir, de->d_name);
			if (unlink(path) == 0)
				mnw_warnx("removed %s, left by a run that "
				    "was stopped", mnw_quote(path,
				    strlen(path), 200));
			free(path);
		}
		closedir(dp);
	}
	free(prefix);
	free(dir);
}

int
mnw_state_lock_or_die(const char *state, int wait)
{
	size_t n = strlen(state) + sizeof ".lock";
	char *lock = mnw_xmalloc(n);
	int fd;

	snprintf(lock, n, "%s.lock", state);
	fd = mnw_lock(lock, wait);
	if (fd == -1) {
		/* mnw_quote() keeps its own copy, so lock can go first. */
		const char *q = mnw_quote(lock, strlen(lock), 200);
		int saved = errno;

		free(lock);
		errno = saved;
		if (errno == EWOULDBLOCK)
			mnw_errx(MNW_EXIT_TEMP, "%s: locked by another run; "
			    "try again later, or use -w to wait", q);
		mnw_err(MNW_EXIT_TEMP, "%s", q);
	}
	free(lock);
	remove_stale_temporaries(state);
	return fd;
}

int
mnw_stream_sync(FILE *fp)
{
	if (fflush(fp) == EOF)
		return -1;
	if (ferror(fp)) {
		errno = EIO;
		return -1;
	}
	if (fsync(fileno(fp)) == -1 && errno != EINVAL &&
	    errno != ENOTSUP)
		return -1;
	return 0;
}

FILE *
mnw_output_open_or_die(struct mnw_atomic *af, const char *path)
{
	if (path == NULL)
		return stdout;
	if (mnw_atomic_open(af, path) == -1)
		mnw_err(MNW_EXIT_TEMP, "%s", mnw_quote(path, strlen(path), 200));
	return af->fp;
}

void
mnw_output_commit_or_die(struct mnw_atomic *af, const char *path)
{
	if (path != NULL) {
		if (mnw_atomic_commit(af) == -1)
			mnw_err(MNW_EXIT_TEMP, "%s: output not committed",
			    mnw_quote(path, strlen(path), 200));
	} else if (mnw_stream_sync(stdout) == -1) {
		mnw_err(MNW_EXIT_TEMP, "write error on standard output");
	}
}

void
mnw_state_save_or_die(const char *path,
    void (*write_state)(FILE *fp, void *arg), void *arg)
{
	struct mnw_atomic af;

	if (mnw_atomic_open(&af, path) == -1)
		mnw_err(MNW_EXIT_TEMP, "%s", mnw_quote(path, strlen(path), 200));
	write_state(af.fp, arg);
	if (mnw_atomic_commit(&af) == -1)
		mnw_err(MNW_EXIT_TEMP, "%s: state not saved",
		    mnw_quote(path, strlen(path), 200));
}
