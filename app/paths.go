package app

import (
	"os"
	"path/filepath"
	"runtime"
)

// StoreDir returns where the store lives: flag if set, else $PARALLAX_STORE,
// else the operating system's per-user data directory.
func StoreDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if env := os.Getenv("PARALLAX_STORE"); env != "" {
		return env, nil
	}
	return DefaultStoreDir()
}

// DefaultStoreDir is $XDG_DATA_HOME/parallax (~/.local/share/parallax) on
// Linux and BSDs, ~/Library/Application Support/Parallax on macOS and
// %LOCALAPPDATA%\Parallax on Windows.
func DefaultStoreDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Parallax"), nil
		}
		d, err := os.UserConfigDir()
		if err != nil {
			return "", WrapError(EINTERNAL, err, "cannot find a data directory; use --store")
		}
		return filepath.Join(d, "Parallax"), nil
	case "darwin", "ios":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", WrapError(EINTERNAL, err, "cannot find a data directory; use --store")
		}
		return filepath.Join(home, "Library", "Application Support", "Parallax"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "parallax"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", WrapError(EINTERNAL, err, "cannot find a data directory; use --store")
	}
	return filepath.Join(home, ".local", "share", "parallax"), nil
}
