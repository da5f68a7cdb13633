#ifndef OTAUPD_CONSOLE_H
#define OTAUPD_CONSOLE_H

#include "config.h"

/* console_open opens the service serial console, or returns -1. */
int console_open(const struct config *cfg);

/* console_poll handles the bytes waiting on the console. */
void console_poll(int fd, const struct config *cfg);

#endif
