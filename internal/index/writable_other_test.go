//go:build !linux

package index

import "testing"

// makeReadOnly is written for Linux only (root needs its immutable flag).
func makeReadOnly(t *testing.T, dir string) (undo func()) {
	t.Helper()
	t.Skip("makeReadOnly: Linux only")
	return nil
}
