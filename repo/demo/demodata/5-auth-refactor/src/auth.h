#ifndef OTAUPD_AUTH_H
#define OTAUPD_AUTH_H

#include "http.h"

#define AUTH_OK      0
#define AUTH_DENIED -1

/* auth_load_token reads the per-device token (32 to 64 characters). */
int auth_load_token(const char *path);

/* auth_check_token compares token with the device token in constant time. */
int auth_check_token(const char *token);

/* auth_check_request checks the "Authorization: Bearer <token>" header of
 * a management request. */
int auth_check_request(const struct http_request *req);

#endif
