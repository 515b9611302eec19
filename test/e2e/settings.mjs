// User settings for every throw-away test profile (see shared vscode-testing README), shared by the
// code-server runners and the desktop VS Code configuration (.vscode-test.mjs).
export const DEFAULT_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  // Tests never reach Roboflow's hosted API behind their back; the catalog tests turn it on against a fake server.
  'roboflowWorkflows.catalog.autoRefresh': false,
});

