#ifndef OTAUPD_SERIAL_H
#define OTAUPD_SERIAL_H

#include "config.h"

/* serial_open opens the service serial serial, or returns -1. */
int serial_open(const struct config *cfg);

/* serial_poll handles the bytes waiting on the serial. */
void serial_poll(int fd, const struct config *cfg);

#endif
