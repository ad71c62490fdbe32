"""memory.release returns freed heap pages that glibc would otherwise keep."""

from __future__ import annotations

from newsweave import memory


def test_release_returns_pages_freed_between_live_blocks() -> None:
    # 1 KB blocks come from the heap, not mmap; keeping every 64th alive pins the heap's
    # top, so the allocator cannot shrink it by itself and the freed pages stay resident.
    blocks = [bytearray(1024) for _ in range(200_000)]
    kept = blocks[::64]
    del blocks
    held = memory.resident_mb()
    assert memory.release()
    after = memory.resident_mb()
    assert held - after > 100, (held, after)
    assert len(kept) == 3125


def test_resident_mb_is_this_process() -> None:
    assert 10 < memory.resident_mb() < 100_000
