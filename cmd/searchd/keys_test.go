package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeyFiles checks that keys load from files (trimmed), from the environment, and that
// ambiguous or unsafe settings are refused with a message naming the keys.
func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	apiFile, readFile, empty := write("api.key", "  api-secret\n"), write("read.key", "read-secret\n"), write("empty.key", "\n")
	tests := []struct {
		name          string
		env           map[string]string
		wantAPI, want string // want: read key, or the error's text
		wantErr       bool
	}{
		{"from files", map[string]string{"SEARCHD_API_KEY_FILE": apiFile, "SEARCHD_READ_KEY_FILE": readFile}, "api-secret", "read-secret", false},
		{"from env", map[string]string{"SEARCHD_API_KEY": "a1", "SEARCHD_READ_KEY": "r1"}, "a1", "r1", false},
		{"both ways", map[string]string{"SEARCHD_API_KEY": "a1", "SEARCHD_API_KEY_FILE": apiFile}, "", "both api_key and api_key_file are set", true},
		{"empty file", map[string]string{"SEARCHD_READ_KEY_FILE": empty}, "", "read_key_file " + empty + " is empty", true},
		{"missing file", map[string]string{"SEARCHD_READ_KEY_FILE": filepath.Join(dir, "nope")}, "", "read_key_file", true},
		{"read key equal to api key", map[string]string{"SEARCHD_API_KEY": "same", "SEARCHD_READ_KEY": "same"}, "", "read_key equals api_key", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(newFlags(t), env(tt.env))
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("got %v, want an error containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.APIKey != tt.wantAPI || cfg.ReadKey != tt.want {
				t.Errorf("got api key %q and read key %q, want %q and %q", cfg.APIKey, cfg.ReadKey, tt.wantAPI, tt.want)
			}
		})
	}
}
