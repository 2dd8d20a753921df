// What the hub may use of the templates.
export {
  type ChannelVersions,
  defineTemplate,
  type NotificationType,
  notificationTypes,
  type Purpose,
  systemVariables,
  type TemplateChannel,
  type TemplateDefinition,
  templateChannels,
} from './define.ts';
export {
  builtInTemplates,
  loadTemplates,
  TemplateError,
  type TemplateOverrides,
  type TemplateRegistry,
  validateTemplate,
} from './load-templates.ts';
export { escapeHtml, placeholdersOf } from './placeholders.ts';
export { type RenderContext, type Rendering, renderChannel } from './render.ts';
