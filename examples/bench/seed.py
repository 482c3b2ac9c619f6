"""The seed's design, for the side-by-side case of the bench (#16): one httpx.AsyncClient and
every request started at once with asyncio.gather, each body decoded as JSON.

Usage: seed.py BASE_URL CA_FILE_OR_DASH ID...   (prints the number of bodies decoded)
"""

import asyncio
import sys

import httpx


async def main(base, cafile, ids):
    verify = True if cafile == "-" else cafile
    async with httpx.AsyncClient(verify=verify, timeout=60) as client:
        responses = await asyncio.gather(
            *(client.get(f"{base}/api/v2/pokemon/{i}") for i in ids)
        )
    decoded = 0
    for response in responses:
        response.raise_for_status()
        response.json()
        decoded += 1
    print(decoded)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
