/*
 * state.h: where a program keeps its state between runs, and the lock
 * that serialises runs on one state file.
 *
 * A program is given its state file with -s FILE, or a spool directory
 * with -d DIR (or $MNW_SPOOL), in which case the file is DIR/state/NAME.
 * The lock is a separate file, STATE.lock, so that the state file itself
 * can be replaced by rename(2) while the lock is held.
 */
#ifndef MNW_STATE_H
#define MNW_STATE_H

#include <stdio.h>

#include "mnw.h"

/*
 * Return the state file: file (-s), else DIR/state/name with DIR from
 * dir (-d) or $MNW_SPOOL, or NULL if none of them is set.  DIR/state is
 * created if missing, but DIR must exist.  If the directory cannot be
 * made, exits with a message: MNW_EXIT_CONFIG when DIR is missing or
 * not writable, MNW_EXIT_TEMP otherwise.  The result is allocated.
 */
char *mnw_state_path_or_die(const char *file, const char *dir,
    const char *name);
/*
 * Lock STATE.lock.  If another run has the lock, wait when wait is 1,
 * else exit MNW_EXIT_TEMP with a message.  Returns the descriptor, to keep
 * open until the state is committed.
 */
int mnw_state_lock_or_die(const char *state, int wait);
/*
 * Flush fp and, if it is a file, fsync it.  Pipes, terminals and
 * sockets cannot be synced, so for them a successful flush is all the
 * guarantee there is.  Returns 0, or -1 with errno.
 */
int mnw_stream_sync(FILE *fp);

/*
 * The output of a stage: with path, a file that only appears under its
 * name at commit (mnw_atomic_*), else standard output.  Commit flushes
 * and syncs either; the state may record the output only after that.
 * Every failure exits MNW_EXIT_TEMP with a message.
 */
FILE *mnw_output_open_or_die(struct mnw_atomic *af, const char *path);
void mnw_output_commit_or_die(struct mnw_atomic *af, const char *path);
/*
 * Write the state file: write_state fills the temporary file, which then
 * replaces path atomically.  Every failure exits MNW_EXIT_TEMP with a
 * message and leaves the old state.
 */
void mnw_state_save_or_die(const char *path,
    void (*write_state)(FILE *fp, void *arg), void *arg);

#endif
