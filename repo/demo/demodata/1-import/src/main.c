#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "auth.h"
#include "config.h"
#include "console.h"
#include "crypto.h"
#include "http.h"
#include "log.h"
#include "version.h"

static void usage(void)
{
	fprintf(stderr, "usage: otaupd [-f] [-c CONFIG]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *config_path = "/etc/otaupd.conf";
	struct config cfg;
	struct pollfd fds[2];
	int foreground = 0, opt, nfds = 1;

	while ((opt = getopt(argc, argv, "fc:V")) != -1) {
		switch (opt) {
		case 'f': foreground = 1; break;
		case 'c': config_path = optarg; break;
		case 'V': printf("otaupd %s\n", OTAUPD_VERSION); return 0;
		default:  usage();
		}
	}
	config_defaults(&cfg);
	if (config_load(config_path, &cfg) != 0)
		return 1;
	log_init("otaupd", cfg.log_level, !foreground);
	if (crypto_setup() != 0 || auth_load_token(cfg.token_file) != 0)
		return 1;

	fds[0].fd = http_listen(&cfg);
	fds[0].events = POLLIN;
	if (fds[0].fd < 0)
		return 1;
	fds[1].fd = console_open(&cfg);
	fds[1].events = POLLIN;
	if (fds[1].fd >= 0)
		nfds = 2;
	log_info("otaupd %s listening on %s:%u", OTAUPD_VERSION, cfg.listen_addr, cfg.listen_port);

	for (;;) {
		if (poll(fds, (nfds_t)nfds, -1) < 0) {
			if (errno == EINTR)
				continue;
			log_err("poll: %s", strerror(errno));
			return 1;
		}
		if (fds[0].revents & POLLIN) {
			struct http_request req;
			int conn = accept(fds[0].fd, NULL, NULL);

			if (conn >= 0) {
				if (http_read_request(conn, &req) == 0)
					http_handle(&req, &cfg);
				else
					http_respond(conn, 400, "{\"error\":\"bad request\"}");
				close(conn);
			}
		}
		if (nfds == 2 && (fds[1].revents & POLLIN))
			console_poll(fds[1].fd, &cfg);
	}
}
