// @ts-check
import {themes as prismThemes} from 'prism-react-renderer';

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Brightline Ops Handbook',
  tagline: 'How we run Brightline',
  favicon: 'img/favicon.ico',
  url: 'https://ops.brightline.example',
  baseUrl: '/',
  trailingSlash: false,
  organizationName: 'brightline',
  projectName: 'ops-handbook',

  onBrokenLinks: 'warn',
  onBrokenAnchors: 'warn',

  markdown: {
    hooks: {
      // TODO(ops-team): switch back to 'throw' once the migration from Confluence is done
      onBrokenMarkdownLinks: 'warn',
      onBrokenMarkdownImages: 'warn',
    },
  },

  i18n: {
    defaultLocale: 'en',
    locales: ['en'],
  },

  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: {
          routeBasePath: 'docs',
          sidebarPath: './sidebars.js',
          editUrl: 'https://github.com/brightline/ops-handbook/tree/main/',
          showLastUpdateTime: true,
        },
        blog: false,
        theme: {
          customCss: './src/css/custom.css',
        },
      }),
    ],
  ],

  themeConfig:
    /** @type {import('@docusaurus/preset-classic').ThemeConfig} */
    ({
      navbar: {
        title: 'Ops Handbook',
        logo: {alt: 'Brightline', src: 'img/brightline-logo.png'},
        items: [
          {type: 'docSidebar', sidebarId: 'handbook', position: 'left', label: 'Handbook'},
          {href: 'https://github.com/brightline/ops-handbook', label: 'GitHub', position: 'right'},
        ],
      },
      prism: {
        theme: prismThemes.github,
        darkTheme: prismThemes.dracula,
      },
    }),
};

export default config;
