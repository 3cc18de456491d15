# SPDX-License-Identifier: MIT
# What qares-coroutines prints, as a regular expression: the answers in
# sequence (addresses, MX records by preference, the name not found), the
# parallel lookups in the order awaited (with the timeout), the batch, the
# count of failures. The example_coroutines test and the install test
# (tests/consumer/run.cmake) both match the output against it.
set(QARES_COROUTINES_EXPECTED [==[-- in sequence
www\.example\.test: 192\.0\.2\.10 2001:db8::10
example\.test: MX 10 mx1\.example\.test
example\.test: MX 20 mx2\.example\.test
missing\.example\.test: error: Host not found[^
]*
missing\.example\.test: NotFoundError, no such name
-- in parallel
a\.example\.test: 192\.0\.2\.1
b\.example\.test: 192\.0\.2\.2
c\.example\.test: 192\.0\.2\.3
blackhole\.example\.test: error: Timed out[^
]*
-- one future for many names
a\.example\.test: 192\.0\.2\.1
b\.example\.test: 192\.0\.2\.2
c\.example\.test: 192\.0\.2\.3
done: 2 lookups failed
]==])
