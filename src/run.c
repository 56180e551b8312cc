/* run: a program in the foreground, with the terminal, waited for. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
	static const int dfl[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP,
	    SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD };

	if (tty != -1) {
		/* Both sides do this, so whichever runs first wins no race. */
		setpgid(0, 0);
		tcsetpgrp(tty, getpid());	/* SIGTTOU is ignored here yet */
	}
	for (i = 0; i < nitems(dfl); i++)
		signal(dfl[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (flags & RUN_STDOUT_TO_STDERR)
		dup2(STDERR_FILENO, STDOUT_FILENO);
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
	if (pipe(pfd) == -1 || fcntl(pfd[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(pfd[1], F_SETFD, FD_CLOEXEC) == -1) {
		*err = xasprintf("pipe: %s", strerror(errno));
		if (opened)
			close(tty);
		return -1;
	}

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTTOU, &sa, &old_ttou);
	sa.sa_handler = run_pass;
	sa.sa_flags = SA_RESTART;
	run_child = 0;
	for (i = 0; i < nitems(run_passed); i++)
		sigaction(run_passed[i], &sa, &old[i]);

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
	run_child = pid;
	if (tty != -1) {
		setpgid(pid, pid);
		tcsetpgrp(tty, pid);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], &e, sizeof e)) == -1 && errno == EINTR)
		;
	close(pfd[0]);

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
