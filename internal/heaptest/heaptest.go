// Package heaptest measures the heap for tests of structures that must stay small and
// pointer-free as they grow (stories.Table, strtab.Set).
package heaptest

import (
	"runtime"
	"runtime/metrics"
)

// Live returns the bytes of live heap objects, and of those the bytes the collector scans
// for pointers, after a collection.
func Live() (live, scan int64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	sample := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(sample)
	return int64(m.HeapAlloc), int64(sample[0].Value.Uint64())
}
