/** HTTP adapters for clusters: similar problems and "me too" for residents, review, split and merge for coordinators. */
package nl.hartslag.cluster.web;
