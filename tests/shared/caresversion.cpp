// SPDX-License-Identifier: MIT
#include "caresversion.h"

#include <ares.h>

int QAresTest::caresRuntimeVersion()
{
    int version = 0;
    ares_version(&version);
    return version;
}
