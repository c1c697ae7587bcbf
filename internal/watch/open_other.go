//go:build !unix

package watch

import "os"

// openFlags: elsewhere only the checks of the path and of the open file apply.
const openFlags = os.O_RDONLY
