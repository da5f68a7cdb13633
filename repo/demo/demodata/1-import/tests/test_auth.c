#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"

#define TOKEN "3f9c2a7b51d04e6c8a1f2b3c4d5e6f70"

int main(void)
{
	char path[] = "/tmp/otaupd-token-XXXXXX";
	int fd = mkstemp(path);

	assert(sodium_init() >= 0);
	assert(auth_check(TOKEN) == AUTH_DENIED); /* nothing loaded yet */
	assert(fd >= 0);
	assert(write(fd, TOKEN "\n", sizeof(TOKEN)) == (ssize_t)sizeof(TOKEN));
	close(fd);
	assert(auth_load_token(path) == 0);
	unlink(path);

	assert(auth_check(TOKEN) == AUTH_OK);
	assert(auth_check("3f9c2a7b51d04e6c8a1f2b3c4d5e6f71") == AUTH_DENIED);
	assert(auth_check("3f9c2a7b") == AUTH_DENIED);
	assert(auth_check("") == AUTH_DENIED);
	assert(auth_check(NULL) == AUTH_DENIED);

	puts("test_auth: ok");
	return 0;
}
