/*
 * listen: a TCP listener that records every connection, for the browser
 * test's "no network request" check.
 *
 *   listen LOGFILE
 *
 * Listens on 127.0.0.1 at a port the system chooses, prints the port on
 * stdout, then appends a line to LOGFILE for every connection it accepts
 * (reading what the client sends first), until it is killed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int s, c;
	FILE *log;

	if (argc != 2) {
		fprintf(stderr, "usage: listen LOGFILE\n");
		return 2;
	}
	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(s, 16) != 0 || getsockname(s, (struct sockaddr *)&a,
	    &len) != 0) {
		perror("listen");
		return 1;
	}
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	while ((c = accept(s, NULL, NULL)) >= 0) {
		char buf[512];
		ssize_t n = read(c, buf, sizeof buf - 1);

		buf[n > 0 ? n : 0] = '\0';
		log = fopen(argv[1], "a");
		if (log != NULL) {
			fprintf(log, "connection: %.200s\n", buf);
			fclose(log);
		}
		close(c);
	}
	return 0;
}
