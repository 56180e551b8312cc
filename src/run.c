/* run: a program in the foreground, with the terminal, waited for. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "run.h"
#include "util.h"

extern char **environ;

/* The signals venvdex passes on to the child while it waits. */
static const int run_passed[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };

/* The signals the child gets with their default action. */
static const int run_dfl[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP,
    SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD };

static volatile sig_atomic_t run_child;

static void
run_pass(int sig)
{
	int	saved = errno;

	if (run_child > 0)
		kill((pid_t)run_child, sig);
	errno = saved;
}

/*
 * The terminal venvdex may hand over: standard input when it is one, else
 * the controlling terminal. Returns its descriptor (*opened set when it was
 * opened here) when venvdex's process group is its foreground, else -1.
 */
static int
run_tty(int *opened)
{
	int	fd = STDIN_FILENO;

	*opened = 0;
	if (!isatty(fd)) {
		if ((fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1)
			return -1;
		*opened = 1;
	}
	if (tcgetpgrp(fd) == getpgrp())
		return fd;
	if (*opened)
		close(fd);
	*opened = 0;
	return -1;
}

/* In the child, before exec: default signals, the terminal, stdout. */
static void
run_child_setup(int tty, int flags)
{
	sigset_t	none;
	size_t		i;

	if (tty != -1) {
		/* Both sides do this, so whichever runs first wins no race. */
		setpgid(0, 0);
		tcsetpgrp(tty, getpid());	/* SIGTTOU is ignored here yet */
	}
	for (i = 0; i < nitems(run_dfl); i++)
		signal(run_dfl[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (flags & RUN_STDOUT_TO_STDERR)
		dup2(STDERR_FILENO, STDOUT_FILENO);
}

/*
 * Starts argv as run_child_setup() and execve() in a forked child would,
 * with posix_spawn(): the child shares venvdex's memory until it execs
 * instead of copying its page tables (a fork and a child that only execs
 * cost venvdex about 1 ms of CPU, a tenth of what `shell ENV -- true`
 * adds). Handing the terminal over needs glibc's tcsetpgrp file action
 * (2.35); without it, returns -1 without trying (errno ENOSYS), and the
 * caller forks. Else returns 0, or an errno: the program was not run.
 * (glibc's spawn leaves its own two internal signals, 32 and 33, ignored in
 * the child, as for every program started with posix_spawn(); no program
 * may use them, and glibc's own set their handlers when they need them.)
 */
static int
run_spawn(pid_t *pid, char *const argv[], char *const envp[], int tty,
    int flags)
{
	posix_spawn_file_actions_t	 fa;
	posix_spawnattr_t		 attr;
	sigset_t			 set;
	size_t				 i;
	short				 how = POSIX_SPAWN_SETSIGDEF |
					     POSIX_SPAWN_SETSIGMASK;
	int				 e;

#ifndef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDTCSETPGRP_NP
	if (tty != -1) {
		errno = ENOSYS;
		return -1;
	}
#endif
	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		return e;
	if ((e = posix_spawnattr_init(&attr)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return e;
	}
	sigemptyset(&set);
	for (i = 0; i < nitems(run_dfl); i++)
		sigaddset(&set, run_dfl[i]);
	e = posix_spawnattr_setsigdefault(&attr, &set);
	sigemptyset(&set);
	if (e == 0)
		e = posix_spawnattr_setsigmask(&attr, &set);
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDTCSETPGRP_NP
	if (e == 0 && tty != -1) {
		/* The child's own group, then the terminal (SIGTTOU blocked there). */
		how |= POSIX_SPAWN_SETPGROUP;
		if ((e = posix_spawnattr_setpgroup(&attr, 0)) == 0)
			e = posix_spawn_file_actions_addtcsetpgrp_np(&fa, tty);
	}
#endif
	if (e == 0 && (flags & RUN_STDOUT_TO_STDERR))
		e = posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO,
		    STDOUT_FILENO);
	if (e == 0)
		e = posix_spawnattr_setflags(&attr, how);
	if (e == 0)
		e = posix_spawn(pid, argv[0], &fa, &attr, argv, envp != NULL ?
		    envp : environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return e;
}

int
run_wait(char *const argv[], char *const envp[], int flags, char **err)
{
	struct sigaction	 sa, old[nitems(run_passed)], old_ttou;
	struct termios		 tio;
	pid_t			 pid, r, pgrp = getpgrp();
	ssize_t			 n;
	size_t			 i;
	int			 pfd[2], status = 0, e, tty, opened, have_tio = 0;

	*err = NULL;
	tty = run_tty(&opened);
	if (tty != -1)
		have_tio = tcgetattr(tty, &tio) == 0;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTTOU, &sa, &old_ttou);
	sa.sa_handler = run_pass;
	sa.sa_flags = SA_RESTART;
	run_child = 0;
	for (i = 0; i < nitems(run_passed); i++)
		sigaction(run_passed[i], &sa, &old[i]);

	n = 0;
	if ((e = run_spawn(&pid, argv, envp, tty, flags)) > 0) {
		/* Not run: as an exec failure in the child is told. */
		*err = xasprintf("%s: %s", argv[0], strerror(e));
		status = -1;
		goto out;
	}
	if (e == -1) {
		if (pipe(pfd) == -1 || fcntl(pfd[0], F_SETFD, FD_CLOEXEC) == -1 ||
		    fcntl(pfd[1], F_SETFD, FD_CLOEXEC) == -1) {
			*err = xasprintf("pipe: %s", strerror(errno));
			status = -1;
			goto out;
		}
		if ((pid = fork()) == -1) {
			*err = xasprintf("fork: %s", strerror(errno));
			close(pfd[0]);
			close(pfd[1]);
			status = -1;
			goto out;
		}
		if (pid == 0) {
			close(pfd[0]);
			run_child_setup(tty, flags);
			execve(argv[0], argv, envp != NULL ? envp : environ);
			e = errno;
			(void)!write(pfd[1], &e, sizeof e);
			_exit(127);
		}
		close(pfd[1]);
	}
	run_child = pid;
	if (tty != -1) {
		setpgid(pid, pid);
		tcsetpgrp(tty, pid);
	}
	if (e == -1) {
		/* The forked child's exec failed if it wrote its errno. */
		while ((n = read(pfd[0], &e, sizeof e)) == -1 && errno == EINTR)
			;
		close(pfd[0]);
	}

	for (;;) {
		r = waitpid(pid, &status, tty != -1 ? WUNTRACED : 0);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			*err = xasprintf("wait: %s", strerror(errno));
			status = -1;
			goto out;
		}
		if (!WIFSTOPPED(status))
			break;
		/* Ctrl-Z: venvdex stops too, as a shell's job would; fg resumes both. */
		tcsetpgrp(tty, pgrp);
		if (have_tio)
			tcsetattr(tty, TCSADRAIN, &tio);
		raise(SIGSTOP);
		tcsetpgrp(tty, pid);
		kill(-pid, SIGCONT);
	}
	if (n == (ssize_t)sizeof e) {
		*err = xasprintf("%s: %s", argv[0], strerror(e));
		status = -1;
	} else if (WIFSIGNALED(status))
		status = 128 + WTERMSIG(status);
	else
		status = WEXITSTATUS(status);

out:
	run_child = 0;
	if (tty != -1) {
		tcsetpgrp(tty, pgrp);
		if (have_tio)
			tcsetattr(tty, TCSADRAIN, &tio);
		if (opened)
			close(tty);
	}
	for (i = 0; i < nitems(run_passed); i++)
		sigaction(run_passed[i], &old[i], NULL);
	sigaction(SIGTTOU, &old_ttou, NULL);
	return status;
}

const char *
run_signame(int n)
{
	static const struct {
		int		 n;
		const char	*name;
	} names[] = {
		{ SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" },
		{ SIGILL, "SIGILL" }, { SIGABRT, "SIGABRT" }, { SIGFPE, "SIGFPE" },
		{ SIGKILL, "SIGKILL" }, { SIGSEGV, "SIGSEGV" }, { SIGPIPE, "SIGPIPE" },
		{ SIGALRM, "SIGALRM" }, { SIGTERM, "SIGTERM" }, { SIGBUS, "SIGBUS" },
	};
	size_t	i;

	for (i = 0; i < nitems(names); i++)
		if (names[i].n == n)
			return names[i].name;
	return "a signal";
}
