/** HTTP adapter for the category list. */
package nl.hartslag.category.web;
