//go:build !linux

/*
 * Parallax patch: not part of upstream Badger.
 * SPDX-License-Identifier: Apache-2.0
 */

package badger

import "os"

// startWriteback does nothing where sync_file_range is missing.
func startWriteback(*os.File, int64, int64) {}
