/*
 * run: runs a program in the foreground and waits for it, as a job-control
 * shell runs a job. When standard input is the terminal and venvdex is in
 * its foreground process group, the child gets a process group of its own
 * and the terminal (tcsetpgrp), so Ctrl-C and Ctrl-Z reach the child alone;
 * venvdex waits, stops with it on Ctrl-Z, and takes the terminal (and its
 * modes) back when the child ends. Without a terminal the child shares
 * venvdex's process group, and SIGINT, SIGQUIT, SIGTERM and SIGHUP sent to
 * venvdex alone are passed on to it.
 */
#ifndef VENVDEX_RUN_H
#define VENVDEX_RUN_H

#define RUN_STDOUT_TO_STDERR	0x1	/* the child's stdout is venvdex's stderr */

/*
 * Runs argv (argv[0] a path; no PATH search, no shell) with the environment
 * envp (NULL: venvdex's own). Returns the child's exit status, 128 + the
 * signal's number when a signal ended it, or -1 with *err set (allocated)
 * when it could not be started: a program that cannot be executed is -1
 * too, not 126 or 127.
 */
int	 run_wait(char *const argv[], char *const envp[], int flags, char **err);

/* The name of signal n ("SIGINT"), for messages. */
const char *run_signame(int n);

#endif
