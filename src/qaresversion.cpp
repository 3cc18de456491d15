// SPDX-License-Identifier: MIT
#include "qaresglobal.h"

QString QAres::versionString()
{
    return QStringLiteral(QARES_VERSION_STR);
}
