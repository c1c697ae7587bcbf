//go:build unix

package watch

import (
	"os"
	"syscall"
)

// openFlags open a file without following a link in its last element (the open fails) and
// without waiting for a writer (a FIFO opens at once; the mode check then skips it).
const openFlags = os.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK
