#ifndef OTAUPD_HTTP_H
#define OTAUPD_HTTP_H

#include <stddef.h>
#include <strings.h>

#include "config.h"

#define HTTP_MAX_HEADERS 24

struct http_header {
	char name[64];
	char value[256];
};

struct http_request {
	int fd;
	char method[8];
	char path[128];
	struct http_header headers[HTTP_MAX_HEADERS];
	int nheaders;
	size_t content_length;
};

/* http_header returns the value of the first header called name, or NULL. */
static inline const char *http_header(const struct http_request *req, const char *name)
{
	int i;

	for (i = 0; i < req->nheaders; i++)
		if (strcasecmp(req->headers[i].name, name) == 0)
			return req->headers[i].value;
	return NULL;
}

int http_listen(const struct config *cfg);
int http_read_request(int fd, struct http_request *req);
void http_respond(int fd, int status, const char *json);
void http_handle(struct http_request *req, const struct config *cfg);

#endif
