#ifndef OTAUPD_UPDATE_H
#define OTAUPD_UPDATE_H

#include <stddef.h>

#include "config.h"

#define UPDATE_OK       0
#define UPDATE_EIO     -1
#define UPDATE_EBADSIG -2
#define UPDATE_ETOOBIG -3

#define UPDATE_MAX_IMAGE (64UL * 1024 * 1024)

int update_receive(const struct config *cfg, int fd, size_t length);
int update_apply(const struct config *cfg, const char *image, const char *sig);
const char *update_active_slot(void);
void update_reboot(void);

#endif
