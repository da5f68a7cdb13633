#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "auth.h"
#include "http.h"
#include "log.h"
#include "update.h"
#include "version.h"

int http_listen(const struct config *cfg)
{
	struct sockaddr_in addr;
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons(cfg->listen_port);
	if (inet_pton(AF_INET, cfg->listen_addr, &addr.sin_addr) != 1 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(fd, 4) != 0) {
		log_err("http: cannot listen on %s:%u", cfg->listen_addr, cfg->listen_port);
		close(fd);
		return -1;
	}
	return fd;
}

/* read_line reads one CRLF-terminated line of at most size-1 bytes. */
static int read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	char c;

	while (n + 1 < size) {
		if (read(fd, &c, 1) != 1)
			return -1;
		if (c == '\n') {
			if (n > 0 && buf[n - 1] == '\r')
				n--;
			buf[n] = '\0';
			return (int)n;
		}
		buf[n++] = c;
	}
	return -1; /* line too long */
}

int http_read_request(int fd, struct http_request *req)
{
	char line[512];
	const char *cl;

	memset(req, 0, sizeof(*req));
	req->fd = fd;
	if (read_line(fd, line, sizeof(line)) < 0 ||
	    sscanf(line, "%7s %127s", req->method, req->path) != 2)
		return -1;
	for (;;) {
		char *colon;
		struct http_header *h;

		if (read_line(fd, line, sizeof(line)) < 0)
			return -1;
		if (line[0] == '\0')
			break;
		if (req->nheaders == HTTP_MAX_HEADERS || (colon = strchr(line, ':')) == NULL)
			return -1;
		*colon = '\0';
		h = &req->headers[req->nheaders++];
		snprintf(h->name, sizeof(h->name), "%s", line);
		snprintf(h->value, sizeof(h->value), "%s", colon + 1 + (colon[1] == ' '));
	}
	cl = http_header(req, "Content-Length");
	req->content_length = cl ? strtoul(cl, NULL, 10) : 0;
	return 0;
}

void http_respond(int fd, int status, const char *json)
{
	char head[160];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n\r\n",
			 status, status < 300 ? "OK" : "Error", strlen(json));

	if (write(fd, head, (size_t)n) != n || write(fd, json, strlen(json)) < 0)
		log_warn("http: short write");
}

void http_handle(struct http_request *req, const struct config *cfg)
{
	char body[128];
	int rc;

	if (auth_check_request(req) != AUTH_OK) {
		log_warn("http: %s %s: unauthorized", req->method, req->path);
		http_respond(req->fd, 401, "{\"error\":\"unauthorized\"}");
		return;
	}
	if (strcmp(req->method, "GET") == 0 && strcmp(req->path, "/status") == 0) {
		snprintf(body, sizeof(body), "{\"slot\":\"%s\",\"version\":\"%s\"}",
			 update_active_slot(), OTAUPD_VERSION);
		http_respond(req->fd, 200, body);
	} else if (strcmp(req->method, "POST") == 0 && strcmp(req->path, "/update") == 0) {
		rc = update_receive(cfg, req->fd, req->content_length);
		if (rc == UPDATE_OK)
			http_respond(req->fd, 200, "{\"result\":\"staged\"}");
		else if (rc == UPDATE_EBADSIG)
			http_respond(req->fd, 422, "{\"error\":\"bad signature\"}");
		else
			http_respond(req->fd, rc == UPDATE_ETOOBIG ? 400 : 500, "{\"error\":\"update failed\"}");
	} else if (strcmp(req->method, "POST") == 0 && strcmp(req->path, "/reboot") == 0) {
		http_respond(req->fd, 200, "{\"result\":\"rebooting\"}");
		update_reboot();
	} else {
		http_respond(req->fd, 404, "{\"error\":\"not found\"}");
	}
}
