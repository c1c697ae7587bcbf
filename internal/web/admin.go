package web

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/searchd/searchd/internal/index"
)

// Backuper is implemented by stores that can copy themselves; *index.Index does.
type Backuper interface {
	Backup(dir string) error
}

// backupName is the form of a backup name a client may choose.
var backupName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// backupResponse is the body of POST /api/admin/backup.
type backupResponse struct {
	Path string  `json:"path"`
	Took float64 `json:"took_ms"`
}

// backup answers POST /api/admin/backup[?name=NAME] (admin key required): it writes a consistent
// copy of the live index to Config.BackupDir/NAME (default: the UTC time, 20250601T120000Z)
// and answers with its path. The server keeps serving while the copy is made.
func (s *Server) backup(c echo.Context) error {
	if s.cfg.BackupDir == "" {
		return echo.NewHTTPError(http.StatusForbidden, "backups are disabled: set backup_dir")
	}
	b, ok := s.store.(Backuper)
	if !ok {
		return errors.New("backup: the store cannot be copied")
	}
	name := c.QueryParam("name")
	if name == "" {
		name = time.Now().UTC().Format("20060102T150405Z")
	}
	if !backupName.MatchString(name) {
		return badRequest("backup name %q is not accepted: use letters, digits, '.', '_' and '-', starting with a letter or digit", name)
	}
	dir := filepath.Join(s.cfg.BackupDir, name)
	if _, err := os.Stat(dir); err == nil {
		return echo.NewHTTPError(http.StatusConflict, fmt.Sprintf("backup %q already exists: choose another name", name))
	}
	start := time.Now()
	if err := b.Backup(dir); err != nil {
		if errors.Is(err, index.ErrBackupExists) { // a concurrent backup of that name finished first
			return echo.NewHTTPError(http.StatusConflict, fmt.Sprintf("backup %q already exists: choose another name", name))
		}
		return fmt.Errorf("backup: %w", err)
	}
	took := time.Since(start)
	s.logger.Info("backup written", "path", dir, "took", took)
	return c.JSON(http.StatusOK, backupResponse{Path: dir, Took: float64(took.Microseconds()) / 1000})
}
