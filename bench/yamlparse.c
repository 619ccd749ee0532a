/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yamlparse.c: the floor for loading routines with this stack: read every
 * *.yaml file in the directories or files given and run libyaml's event
 * parser over it, building nothing. Prints the number of files and events;
 * exits 1 if a file cannot be read or parsed. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

/* Parse one file to its end; the number of events, or -1. */
static long
yamlparse_file(const char *path)
{
	yaml_parser_t	 parser;
	yaml_event_t	 event;
	FILE		*f;
	long		 n = 0;
	int		 done = 0;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "%s: %s\n", path,
			    parser.problem != NULL ? parser.problem : "error");
			n = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		n++;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return n;
}

/* Whether name ends in ".yaml". */
static int
yamlparse_is_yaml(const char *name)
{
	size_t	len = strlen(name);

	return len > 5 && strcmp(name + len - 5, ".yaml") == 0;
}

/* Parse a directory's *.yaml files; adds to *files and *events, -1 on an
 * error. */
static int
yamlparse_dir(const char *dir, long *files, long *events)
{
	DIR		*d;
	struct dirent	*de;
	char		 path[4096];
	long		 n;
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!yamlparse_is_yaml(de->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if ((n = yamlparse_file(path)) < 0) {
			rc = -1;
			continue;
		}
		(*files)++;
		*events += n;
	}
	closedir(d);
	return rc;
}

/* Parse every file named or found in the directories named. */
int
main(int argc, char **argv)
{
	struct stat	sb;
	long		files = 0, events = 0, n;
	int		i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: yamlparse DIR|FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (yamlparse_dir(argv[i], &files, &events) != 0)
				rc = 1;
		} else if ((n = yamlparse_file(argv[i])) < 0)
			rc = 1;
		else {
			files++;
			events += n;
		}
	}
	printf("%ld files, %ld events\n", files, events);
	return rc;
}
