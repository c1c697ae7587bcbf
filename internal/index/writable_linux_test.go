package index

import (
	"os"
	"syscall"
	"testing"
	"unsafe"
)

// Linux's FS_IOC_GETFLAGS, FS_IOC_SETFLAGS and FS_IMMUTABLE_FL (linux/fs.h).
const (
	fsIocGetflags = 0x80086601
	fsIocSetflags = 0x40086602
	fsImmutableFl = 0x00000010
)

// makeReadOnly makes dir unwritable, for root too (which ignores permissions: the directory is
// made immutable), and returns the function that undoes it. It skips the test where neither
// works (a file system without the immutable flag).
func makeReadOnly(t *testing.T, dir string) (undo func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		undo = func() { os.Chmod(dir, 0o755) }
		t.Cleanup(undo)
		return undo
	}
	setFlags := func(set bool) error {
		f, err := os.Open(dir)
		if err != nil {
			return err
		}
		defer f.Close()
		var flags int32
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), fsIocGetflags, uintptr(unsafe.Pointer(&flags))); e != 0 {
			return e
		}
		if set {
			flags |= fsImmutableFl
		} else {
			flags &^= fsImmutableFl
		}
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), fsIocSetflags, uintptr(unsafe.Pointer(&flags))); e != 0 {
			return e
		}
		return nil
	}
	if err := setFlags(true); err != nil {
		t.Skipf("cannot make %s read-only as root: %v", dir, err)
	}
	undo = func() {
		if err := setFlags(false); err != nil {
			t.Errorf("clear the immutable flag of %s: %v", dir, err)
		}
	}
	t.Cleanup(func() { setFlags(false) })
	return undo
}
