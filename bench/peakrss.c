/* SPDX-License-Identifier: GPL-3.0-or-later */
/* peakrss.c: run a command and report its peak resident set size.
 *
 *	peakrss OUT COMMAND [ARG...]
 *
 * writes "KIB STATUS" to OUT ("-": stdout) once COMMAND has ended (to
 * OUT.tmp, then renamed), and exits with its status. The figure is
 * getrusage's ru_maxrss of the child, which also counts the memory the
 * child had before exec: that is this small program's, so the floor is
 * about a megabyte, where a wrapper in an interpreter would add its own
 * tens of megabytes. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run the command, wait, write the figure. */
int
main(int argc, char **argv)
{
	struct rusage	 ru;
	FILE		*f;
	char		 tmp[4096];
	pid_t		 pid;
	int		 status, code;

	if (argc < 3) {
		fprintf(stderr, "usage: peakrss OUT COMMAND [ARG...]\n");
		return 2;
	}
	if ((pid = fork()) == -1) {
		perror("peakrss: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "peakrss: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) == -1) {
		if (errno != EINTR) {
			perror("peakrss: wait4");
			return 127;
		}
	}
	code = WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
	if (strcmp(argv[1], "-") == 0)
		f = stdout;
	else {
		snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
		if ((f = fopen(tmp, "w")) == NULL) {
			perror(tmp);
			return 127;
		}
	}
	fprintf(f, "%ld %d\n", ru.ru_maxrss, code);
	if (f != stdout && (fclose(f) != 0 || rename(tmp, argv[1]) != 0)) {
		perror(argv[1]);
		return 127;
	}
	return code;
}
