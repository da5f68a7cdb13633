#ifndef OTAUPD_VERSION_H
#define OTAUPD_VERSION_H

#define OTAUPD_VERSION "0.9.3"

#endif
