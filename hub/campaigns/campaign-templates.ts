import type { NotificationType, TemplateDefinition } from '../../templates/index.ts';
import type { NotifyEngine } from '../notify/index.ts';

/** Marketing templates with an approved ZNS version: the ones a campaign may use. */
export function campaignTemplates(engine: NotifyEngine): TemplateDefinition[] {
  return [...engine.templates.values()].filter((t) => t.purpose === 'marketing' && t.channels.zns);
}

export function campaignTemplate(engine: NotifyEngine, key: string): TemplateDefinition | undefined {
  const def = engine.templates.get(key as NotificationType);
  return def && def.purpose === 'marketing' && def.channels.zns ? def : undefined;
}

export function listCampaignTemplates(engine: NotifyEngine) {
  return {
    items: campaignTemplates(engine).map((t) => ({
      key: t.key,
      name: t.name,
      channel: 'zns' as const,
      znsTemplateId: t.channels.zns!.templateId,
      priceVnd: engine.settings.pricesVnd.zns,
      variables: Object.keys(t.variables.shape),
    })),
  };
}
