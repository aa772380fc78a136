"""Freed batch-sized blocks stay in the heap: allocating one again costs no page faults."""

from __future__ import annotations

import platform
import resource

import numpy
import pytest

from conflictwatch.analyze.allocator import retain_freed_memory

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")

#: Four thousand pages of 4 KB: a batch's activations.
BLOCK_FLOATS = 4 * 1024 * 1024


def _faults_to_fill_a_block() -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    block = numpy.ones(BLOCK_FLOATS, dtype=numpy.float32)  # written: every page is touched
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    del block
    return faults


def test_glibc_takes_the_thresholds() -> None:
    assert retain_freed_memory() is True


def test_a_freed_block_is_reused_without_faulting_its_pages_in() -> None:
    retain_freed_memory()
    _faults_to_fill_a_block()  # the heap grows once
    assert _faults_to_fill_a_block() < 100  # not one per page (4,096)
