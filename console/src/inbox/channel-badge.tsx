import { Badge } from '@mantine/core';
import { FileText, Mail, MessageCircle, MessageSquareMore, MessagesSquare, Phone, Smartphone } from 'lucide-react';
import type { ReactNode } from 'react';
import { channelInfo } from './inbox-labels.ts';
import type { Channel } from './inbox-types.ts';

const icons: Partial<Record<Channel, ReactNode>> = {
  zalo_oa: <MessageCircle size={12} aria-hidden />,
  zns: <MessageCircle size={12} aria-hidden />,
  messenger: <MessageSquareMore size={12} aria-hidden />,
  sms: <MessagesSquare size={12} aria-hidden />,
  email: <Mail size={12} aria-hidden />,
  miniapp: <Smartphone size={12} aria-hidden />,
  web_form: <FileText size={12} aria-hidden />,
  hotline: <Phone size={12} aria-hidden />,
};

/** The channel a conversation came in on, with its icon. */
export function ChannelBadge({ channel, size = 'sm' }: { channel: Channel; size?: 'xs' | 'sm' }) {
  const info = channelInfo[channel];
  return (
    <Badge size={size} variant="light" color={info.color} leftSection={icons[channel]} data-channel={channel}>
      {info.label}
    </Badge>
  );
}
