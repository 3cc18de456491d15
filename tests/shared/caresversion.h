// SPDX-License-Identifier: MIT
#ifndef CARESVERSION_H
#define CARESVERSION_H

namespace QAresTest {

/*!
    The version of the c-ares loaded at run time (0x010x0y, as ARES_VERSION),
    for tests whose expectations follow what that c-ares does on its own
    (docs/errors.md, "c-ares versions").
*/
int caresRuntimeVersion();

//! c-ares 1.22 and later end a query at a malformed reply (ARES_EBADRESP); 1.18 drops it.
inline bool caresRejectsMalformedReplies()
{
    return caresRuntimeVersion() >= 0x011600;
}

} // namespace QAresTest

#endif // CARESVERSION_H
