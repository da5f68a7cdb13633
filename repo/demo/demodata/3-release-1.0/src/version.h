#ifndef OTAUPD_VERSION_H
#define OTAUPD_VERSION_H

#define OTAUPD_VERSION "1.0.0"

#endif
