const eleventyNavigationPlugin = require("@11ty/eleventy-navigation");
const markdownItAnchor = require("markdown-it-anchor");

module.exports = function (eleventyConfig) {
  eleventyConfig.addPlugin(eleventyNavigationPlugin);

  // Copied as they are: /images/… and /files/…
  eleventyConfig.addPassthroughCopy("src/images");
  eleventyConfig.addPassthroughCopy("src/files");

  // Heading ids, using Eleventy's own slugify filter (so "Milk & dairy" -> "milk-and-dairy").
  eleventyConfig.amendLibrary("md", (md) =>
    md.use(markdownItAnchor, {
      slugify: eleventyConfig.getFilter("slugify"),
      permalink: markdownItAnchor.permalink.headerLink(),
    })
  );

  eleventyConfig.addFilter("reviewDue", (date, months = 12) => {
    const d = new Date(date);
    d.setMonth(d.getMonth() + months);
    return d;
  });

  return {
    dir: {
      input: "src",
      includes: "_includes",
      data: "_data",
      output: "_site",
    },
    markdownTemplateEngine: "njk",
    htmlTemplateEngine: "njk",
    pathPrefix: "/",
  };
};
