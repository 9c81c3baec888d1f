/* TEST ONLY, never shipped: Wine 8 has no bcryptprimitives.dll, whose ProcessPrng the Rust
 * standard library calls for random numbers on Windows. `scripts/package --smoke` builds this
 * with mingw and puts it beside a copy of beacon.exe for the Wine smoke test only. Real
 * Windows (10 and later) has the DLL. ProcessPrng here forwards to RtlGenRandom
 * (advapi32's SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
