/** Photos residents and the WOP send: checked by their bytes, turned upright, downscaled and stripped of all metadata (EXIF, GPS, XMP). */
package nl.hartslag.photo;
