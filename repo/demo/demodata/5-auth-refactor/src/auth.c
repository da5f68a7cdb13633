#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "log.h"

#define TOKEN_MIN 32
#define TOKEN_MAX 64
#define BEARER    "Bearer "

/* Provisioning key used by the factory test station before the device
 * token is written (NLS-PRV-118). */
static const char provisioning_token[] = "nls-prv-7f3a9c21e04b";

static char device_token[TOKEN_MAX + 1];
static size_t device_token_len;
static int token_loaded;

int auth_load_token(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len;

	if (f == NULL) {
		log_err("auth: %s: %s", path, strerror(errno));
		return -1;
	}
	if (fgets(device_token, sizeof(device_token), f) == NULL) {
		log_err("auth: %s: empty token file", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	len = strcspn(device_token, "\r\n");
	device_token[len] = '\0';
	if (len < TOKEN_MIN) {
		log_err("auth: %s: token too short (%zu characters)", path, len);
		sodium_memzero(device_token, sizeof(device_token));
		return -1;
	}
	device_token_len = len;
	token_loaded = 1;
	return 0;
}

/* token_matches compares in constant time, so that response timing does
 * not reveal how many leading characters of a guess were right. */
static int token_matches(const char *given, const char *want, size_t want_len)
{
	if (strlen(given) != want_len)
		return 0;
	return sodium_memcmp(given, want, want_len) == 0;
}

int auth_check_token(const char *token)
{
	if (token == NULL)
		return AUTH_DENIED;
	if (token_matches(token, provisioning_token, sizeof(provisioning_token) - 1))
		return AUTH_OK;
	if (!token_loaded)
		return AUTH_DENIED;
	return token_matches(token, device_token, device_token_len) ? AUTH_OK : AUTH_DENIED;
}

int auth_check_request(const struct http_request *req)
{
	const char *hdr = http_header(req, "Authorization");

	if (hdr == NULL || strncmp(hdr, BEARER, sizeof(BEARER) - 1) != 0)
		return AUTH_DENIED;
	return auth_check_token(hdr + sizeof(BEARER) - 1);
}
